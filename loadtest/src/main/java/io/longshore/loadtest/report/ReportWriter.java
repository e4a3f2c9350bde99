package io.longshore.loadtest.report;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.longshore.common.messaging.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes report.json and report.html into a results folder. */
public final class ReportWriter {
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter();

    private ReportWriter() {
    }

    public static String json(LoadtestReport report) {
        try {
            return WRITER.writeValueAsString(report);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void write(LoadtestReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON), json(report));
        Files.writeString(dir.resolve(HTML), HtmlReport.render(report));
    }
}
