# shellcheck shell=bash
# PostgreSQL: Debian's server, run as the `postgres` user (it refuses to run as root), in its own
# data directory under the home: $LONGSHORE_HOME/postgres/{data,run,postgres.log}. Superuser
# longshore/longshore (scram-sha-256), listening on 127.0.0.1:$LONGSHORE_PG_PORT only, database
# `longshore`. Never re-initialised once it exists.

PG_USER=longshore
PG_PASSWORD=longshore
PG_DATABASE=longshore

pg_bin() {
    local dir
    dir=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1)
    [[ -n $dir && -x $dir/postgres ]] || die "PostgreSQL server not found under /usr/lib/postgresql (run deploy/install-prereqs.sh postgres)"
    printf '%s' "$dir"
}

# Runs a command as the server's OS user: `postgres` when we are root, ourselves otherwise.
as_pg() {
    if ((EUID == 0)); then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# The directory holding data/, run/ and the log. Normally $LONGSHORE_HOME/postgres; when the
# postgres user cannot reach into the home (e.g. a checkout under /root), a directory in the
# postgres user's home instead, with $LONGSHORE_HOME/postgres a symbolic link to it.
pg_root() {
    local link=$LONGSHORE_HOME/postgres
    if [[ -L $link ]]; then
        readlink -f "$link"
    else
        printf '%s' "$link"
    fi
}

# Creates the directory pg_root names, owned by the postgres user.
pg_prepare_root() {
    local link=$LONGSHORE_HOME/postgres
    if [[ -L $link || -d $link ]] || ((EUID != 0)); then
        mkdir -p "$(pg_root)"
        return
    fi
    mkdir -p "$link"
    chown postgres:postgres "$link"
    chmod 700 "$link"
    if runuser -u postgres -- test -w "$link"; then
        return
    fi
    rmdir "$link"
    local pghome alt
    pghome=$(getent passwd postgres | cut -d: -f6)
    alt=${pghome:-/var/lib/postgresql}/longshore/$(printf '%s' "$LONGSHORE_HOME" | cksum | cut -d' ' -f1)
    mkdir -p "$alt"
    chown postgres:postgres "$alt" "$(dirname "$alt")"
    chmod 700 "$alt"
    ln -s "$alt" "$link"
    warn "the postgres user cannot reach $LONGSHORE_HOME: PostgreSQL's data is in $alt ($link links to it)"
}

pg_running() {
    local root
    root=$(pg_root)
    [[ -s $root/data/PG_VERSION ]] || return 1
    as_pg "$(pg_bin)/pg_ctl" status -D "$root/data" >/dev/null 2>&1
}

pg_pid() {
    local root
    root=$(pg_root)
    pg_running || return 1
    head -n 1 "$root/data/postmaster.pid" 2>/dev/null
}

pg_ready() {
    PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=3 "$(pg_bin)/psql" -h 127.0.0.1 -p "$LONGSHORE_PG_PORT" \
        -U "$PG_USER" -d postgres -tAqc 'select 1' >/dev/null 2>&1
}

pg_psql() {
    PGPASSWORD=$PG_PASSWORD "$(pg_bin)/psql" -h 127.0.0.1 -p "$LONGSHORE_PG_PORT" -U "$PG_USER" \
        -v ON_ERROR_STOP=1 -tAq "$@"
}

pg_initdb() {
    local root=$1 bin=$2
    log "postgres: initialising a new database cluster in $root/data"
    local pwfile=$root/.pwfile
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    ((EUID != 0)) || chown postgres:postgres "$pwfile"
    chmod 600 "$pwfile"
    if ! as_pg "$bin/initdb" -D "$root/data" -U "$PG_USER" --pwfile="$pwfile" \
        --auth=scram-sha-256 --encoding=UTF8 --no-locale >"$root/initdb.log" 2>&1; then
        rm -f "$pwfile"
        tail_log "$root/initdb.log"
        rm -rf "${root:?}/data"
        die "postgres: initdb failed"
    fi
    rm -f "$pwfile"
}

pg_start() {
    ensure_home
    pg_prepare_root
    local root bin
    root=$(pg_root)
    bin=$(pg_bin)
    if pg_running; then
        if pg_ready; then
            log "postgres: already running (pid $(pg_pid), 127.0.0.1:$LONGSHORE_PG_PORT)"
            pg_ensure_database
            return 0
        fi
        die "postgres: a server runs on $root/data but does not answer on 127.0.0.1:$LONGSHORE_PG_PORT (started with another port? ./longshore stop postgres first)"
    fi
    require_free_port postgres "$LONGSHORE_PG_PORT" LONGSHORE_PG_PORT
    if ((EUID == 0)); then
        chown postgres:postgres "$root"
    fi
    as_pg mkdir -p "$root/run"
    [[ -s $root/data/PG_VERSION ]] || pg_initdb "$root" "$bin"
    ln -sfn "$root/postgres.log" "$(log_file postgres)"

    log "postgres: starting on 127.0.0.1:$LONGSHORE_PG_PORT (data $root/data)"
    local started=$SECONDS
    if ! as_pg "$bin/pg_ctl" start -D "$root/data" -l "$root/postgres.log" -w -t 60 -s \
        -o "-c listen_addresses=127.0.0.1 -p $LONGSHORE_PG_PORT -k '$root/run'" </dev/null >/dev/null 2>&1 9>&-; then
        tail_log "$root/postgres.log"
        die "postgres: did not start (log: $root/postgres.log)"
    fi
    local deadline=$((SECONDS + 30))
    until pg_ready; do
        ((SECONDS < deadline)) || die "postgres: started but does not accept connections on 127.0.0.1:$LONGSHORE_PG_PORT"
        sleep 0.3
    done
    pg_ensure_database
    log "postgres: ready in $((SECONDS - started))s (pid $(pg_pid))"
}

pg_ensure_database() {
    if [[ -z $(pg_psql -d postgres -c "select 1 from pg_database where datname = '$PG_DATABASE'") ]]; then
        pg_psql -d postgres -c "create database $PG_DATABASE" >/dev/null || die "postgres: could not create database $PG_DATABASE"
        log "postgres: created database $PG_DATABASE"
    fi
}

pg_stop() {
    local root bin
    root=$(pg_root)
    if ! pg_running; then
        log "postgres: not running"
        return 0
    fi
    bin=$(pg_bin)
    log "postgres: stopping"
    if ! as_pg "$bin/pg_ctl" stop -D "$root/data" -m fast -w -t "$LONGSHORE_STOP_TIMEOUT" -s </dev/null >/dev/null 2>&1 9>&-; then
        warn "postgres: fast shutdown timed out; sending immediate shutdown"
        as_pg "$bin/pg_ctl" stop -D "$root/data" -m immediate -w -t 30 -s </dev/null >/dev/null 2>&1 9>&- || true
    fi
    ! pg_running || die "postgres: still running (data $root/data)"
}
