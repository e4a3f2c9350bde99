-- The outbox takes its ids fifty at a time (OutboxEntity), so that a transaction's rows insert in batches.
ALTER SEQUENCE outbox_id_seq INCREMENT BY 50;
