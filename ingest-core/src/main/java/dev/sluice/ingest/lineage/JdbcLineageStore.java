package dev.sluice.ingest.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Lineage in a JDBC database (H2 by default, PostgreSQL by configuration). Uses only portable SQL:
 * upsert is delete-then-insert in one transaction; lists and maps are stored as JSON text.
 */
public final class JdbcLineageStore implements LineageStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLS =
      "lineage_id, run_id, job_execution_id, step_execution_id, source_uri, version_id, etag,"
          + " size_bytes, sha256, extractor, catalog_version, policy_hash, dataset, decision,"
          + " reasons, unscannable, finding_counts, redaction_counts, macie_finding_ids,"
          + " stale_macie_finding_ids, output_uris, mode, processed_at, evidence";

  private final DataSource dataSource;

  private JdbcLineageStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the store and its table if missing. */
  public static JdbcLineageStore create(DataSource dataSource) {
    JdbcLineageStore s = new JdbcLineageStore(dataSource);
    s.createSchema();
    return s;
  }

  private void createSchema() {
    try {
      dev.sluice.ingest.Ddl.run(
          dataSource,
          List.of(
              "CREATE TABLE IF NOT EXISTS sluice_lineage ("
                  + "lineage_id VARCHAR(64) PRIMARY KEY, run_id VARCHAR(128) NOT NULL,"
                  + " job_execution_id BIGINT, step_execution_id BIGINT,"
                  + " source_uri VARCHAR(2048) NOT NULL, version_id VARCHAR(1024),"
                  + " etag VARCHAR(128), size_bytes BIGINT, sha256 VARCHAR(64),"
                  + " extractor VARCHAR(128), catalog_version VARCHAR(128),"
                  + " policy_hash VARCHAR(64), dataset VARCHAR(128),"
                  + " decision VARCHAR(16) NOT NULL, reasons VARCHAR, unscannable VARCHAR(64),"
                  + " finding_counts VARCHAR, redaction_counts VARCHAR, macie_finding_ids VARCHAR,"
                  + " stale_macie_finding_ids VARCHAR, output_uris VARCHAR, mode VARCHAR(16),"
                  + " processed_at TIMESTAMP NOT NULL)",
              // added after the first release: older databases get the column here
              "ALTER TABLE sluice_lineage ADD COLUMN IF NOT EXISTS evidence VARCHAR",
              "CREATE INDEX IF NOT EXISTS sluice_lineage_run ON sluice_lineage(run_id)",
              "CREATE INDEX IF NOT EXISTS sluice_lineage_src ON sluice_lineage(source_uri)"));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create lineage table: " + e.getMessage(), e);
    }
  }

  @Override
  public void save(List<LineageRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement del =
              c.prepareStatement("DELETE FROM sluice_lineage WHERE lineage_id = ?");
          PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO sluice_lineage ("
                      + COLS
                      + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (LineageRecord r : records) {
          del.setString(1, r.lineageId());
          del.addBatch();
          int i = 1;
          ins.setString(i++, r.lineageId());
          ins.setString(i++, r.runId());
          ins.setLong(i++, r.jobExecutionId());
          ins.setLong(i++, r.stepExecutionId());
          ins.setString(i++, r.sourceUri());
          ins.setString(i++, r.versionId());
          ins.setString(i++, r.eTag());
          ins.setLong(i++, r.size());
          ins.setString(i++, r.sha256());
          ins.setString(i++, r.extractor());
          ins.setString(i++, r.catalogVersion());
          ins.setString(i++, r.policyHash());
          ins.setString(i++, r.dataset());
          ins.setString(i++, r.decision());
          ins.setString(i++, json(r.reasons()));
          ins.setString(i++, r.unscannable());
          ins.setString(i++, json(r.findingCounts()));
          ins.setString(i++, json(r.redactionCounts()));
          ins.setString(i++, json(r.macieFindingIds()));
          ins.setString(i++, json(r.staleMacieFindingIds()));
          ins.setString(i++, json(r.outputUris()));
          ins.setString(i++, r.mode());
          ins.setTimestamp(i++, Timestamp.from(r.processedAt()));
          ins.setString(i, json(r.evidence()));
          ins.addBatch();
        }
        del.executeBatch();
        ins.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      // never the driver's message: it can quote the row's values
      throw new IllegalStateException(
          "cannot save lineage (SQLState " + e.getSQLState() + ", code " + e.getErrorCode() + ")");
    }
  }

  @Override
  public List<LineageRecord> byRun(String runId) {
    return query("WHERE run_id = ? ORDER BY source_uri", runId);
  }

  @Override
  public List<LineageRecord> bySource(String sourceUri) {
    return query("WHERE source_uri = ? ORDER BY processed_at DESC", sourceUri);
  }

  @Override
  public List<LineageRecord> byOutput(String outputUri) {
    // output_uris is a JSON array of strings; match the quoted element exactly.
    List<LineageRecord> candidates =
        query(
            "WHERE output_uris LIKE ? ESCAPE '!' ORDER BY processed_at DESC",
            "%\"" + outputUri.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "\"%");
    return candidates.stream().filter(r -> r.outputUris().contains(outputUri)).toList();
  }

  @Override
  public Optional<LineageRecord> latestIngest(
      String sourceUri, String eTag, String versionId, String policyHash, String catalogVersion) {
    return query(
            "WHERE source_uri = ? AND etag = ? AND version_id = ? AND policy_hash = ?"
                + " AND catalog_version = ? AND mode = 'ingest' ORDER BY processed_at DESC",
            sourceUri,
            eTag,
            versionId,
            policyHash,
            catalogVersion)
        .stream()
        .findFirst();
  }

  private List<LineageRecord> query(String where, String... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + COLS + " FROM sluice_lineage " + where)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<LineageRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot query lineage (SQLState " + e.getSQLState() + ", code " + e.getErrorCode() + ")");
    }
  }

  private static LineageRecord read(ResultSet rs) throws SQLException {
    int i = 1;
    return new LineageRecord(
        rs.getString(i++),
        rs.getString(i++),
        rs.getLong(i++),
        rs.getLong(i++),
        rs.getString(i++),
        nz(rs.getString(i++)),
        nz(rs.getString(i++)),
        rs.getLong(i++),
        nz(rs.getString(i++)),
        nz(rs.getString(i++)),
        nz(rs.getString(i++)),
        nz(rs.getString(i++)),
        nz(rs.getString(i++)),
        rs.getString(i++),
        list(rs.getString(i++)),
        nz(rs.getString(i++)),
        counts(rs.getString(i++)),
        counts(rs.getString(i++)),
        list(rs.getString(i++)),
        list(rs.getString(i++)),
        list(rs.getString(i++)),
        nz(rs.getString(i++)),
        rs.getTimestamp(i++).toInstant(),
        evidence(rs.getString(i)));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> list(String s) {
    try {
      return s == null ? List.of() : JSON.readValue(s, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt lineage row", e);
    }
  }

  private static List<LineageRecord.EvidenceLine> evidence(String s) {
    try {
      return s == null
          ? List.of()
          : JSON.readValue(s, new TypeReference<List<LineageRecord.EvidenceLine>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt lineage row", e);
    }
  }

  private static Map<String, Integer> counts(String s) {
    try {
      return s == null ? Map.of() : JSON.readValue(s, new TypeReference<Map<String, Integer>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt lineage row", e);
    }
  }
}
