package dev.sluice.ingest.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Which part objects a run has written, in the job database. Saved in the same chunk as the write,
 * so after a crash the registry lists exactly the parts of committed chunks; anything else under a
 * run prefix is an orphan.
 */
public final class PartStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DataSource dataSource;

  private PartStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the store and its table if missing. */
  public static PartStore create(DataSource dataSource) {
    PartStore s = new PartStore(dataSource);
    try {
      dev.sluice.ingest.Ddl.run(
          dataSource,
          List.of(
              "CREATE TABLE IF NOT EXISTS sluice_parts (object_uri VARCHAR(2048) PRIMARY KEY,"
                  + " run_id VARCHAR(128) NOT NULL, dataset VARCHAR(128) NOT NULL,"
                  + " bucket VARCHAR(255) NOT NULL, object_key VARCHAR(1024) NOT NULL,"
                  + " records INT NOT NULL, bytes BIGINT NOT NULL, sha256 VARCHAR(64) NOT NULL,"
                  + " lineage_ids VARCHAR, partition_no INT NOT NULL, seq BIGINT NOT NULL)",
              "CREATE INDEX IF NOT EXISTS sluice_parts_run ON sluice_parts(run_id)"));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create parts table: " + e.getMessage(), e);
    }
    return s;
  }

  /**
   * Replaces the parts of chunk {@code seq} of {@code partition} in {@code runId}: rows an earlier
   * attempt of the same chunk left are removed first, so a re-run chunk never keeps a stale part.
   */
  public void replaceChunk(String runId, int partition, long seq, List<WrittenPart> parts) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement delChunk =
              c.prepareStatement(
                  "DELETE FROM sluice_parts WHERE run_id = ? AND partition_no = ? AND seq = ?");
          PreparedStatement del =
              c.prepareStatement("DELETE FROM sluice_parts WHERE object_uri = ?");
          PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO sluice_parts (object_uri, run_id, dataset, bucket, object_key,"
                      + " records, bytes, sha256, lineage_ids, partition_no, seq)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
        delChunk.setString(1, runId);
        delChunk.setInt(2, partition);
        delChunk.setLong(3, seq);
        delChunk.executeUpdate();
        for (WrittenPart p : parts) {
          del.setString(1, p.uri());
          del.addBatch();
          ins.setString(1, p.uri());
          ins.setString(2, runId);
          ins.setString(3, p.dataset());
          ins.setString(4, p.bucket());
          ins.setString(5, p.key());
          ins.setInt(6, p.records());
          ins.setLong(7, p.bytes());
          ins.setString(8, p.sha256());
          ins.setString(9, JSON.writeValueAsString(p.lineageIds()));
          ins.setInt(10, partition);
          ins.setLong(11, seq);
          ins.addBatch();
        }
        del.executeBatch();
        ins.executeBatch();
        c.commit();
      } catch (SQLException | JsonProcessingException e) {
        c.rollback();
        throw new IllegalStateException("cannot save parts: " + e.getMessage(), e);
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save parts: " + e.getMessage(), e);
    }
  }

  /** The parts of {@code runId}, ordered by object key. */
  public List<WrittenPart> byRun(String runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT dataset, bucket, object_key, records, bytes, sha256, lineage_ids"
                    + " FROM sluice_parts WHERE run_id = ? ORDER BY object_key")) {
      ps.setString(1, runId);
      List<WrittenPart> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new WrittenPart(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getLong(5),
                  rs.getString(6),
                  JSON.readValue(rs.getString(7), new TypeReference<List<String>>() {})));
        }
      }
      return out;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot read parts: " + e.getMessage(), e);
    }
  }
}
