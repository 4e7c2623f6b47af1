-- Tables and queries for Orleans' ADO.NET clustering, grain-state and reminder providers.
--
-- No Orleans package ships a schema: each provider reads `SELECT QueryKey, QueryText FROM OrleansQuery` at
-- start-up and from then on runs only the SQL stored there, binding @Parameters by name and reading result
-- columns by name (case-insensitively). So the query keys, parameter names and result column names are the
-- contract; table and column names below are ours.
--
-- Design choices (see storage/README.md):
--   * plain SQL with data-modifying CTEs, no PL/pgSQL and no ASSERT-based rollback: each query is a single
--     statement, so it is atomic by itself;
--   * the grain-state table has a real unique key, so two first writes of one grain cannot both succeed;
--   * reminder grain ids are `text`, so long grain keys fit;
--   * every parameter that can arrive as NULL is cast, so Postgres never has to guess its type.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

-- Clustering -------------------------------------------------------------------------------------------

-- One row per cluster (Orleans calls the ClusterId "DeploymentId"); its version is the membership etag.
CREATE TABLE IF NOT EXISTS orleans_cluster_version
(
    deployment_id text        PRIMARY KEY,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 0
);

-- One row per silo incarnation.
CREATE TABLE IF NOT EXISTS orleans_silo
(
    deployment_id   text        NOT NULL REFERENCES orleans_cluster_version (deployment_id) ON DELETE CASCADE,
    address         varchar(45) NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Grain state ------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id          text        NOT NULL,
    grain_type          text        NOT NULL,
    grain_id_n0         bigint      NOT NULL,
    grain_id_n1         bigint      NOT NULL,
    grain_id_extension  text        NULL,
    grain_id_hash       integer     NOT NULL,
    grain_type_hash     integer     NOT NULL,
    payload             bytea       NULL,
    version             integer     NOT NULL,
    modified_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_grain_state_key
        UNIQUE NULLS NOT DISTINCT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- Grain state is stored as UTF-8 JSON; this view lets an operator read it without decoding bytea by hand.
CREATE OR REPLACE VIEW orleans_grain_state_json AS
SELECT service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, version, modified_at,
       convert_from(payload, 'UTF8')::jsonb AS state
FROM orleans_grain_state
WHERE payload IS NOT NULL;

-- Reminders --------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleans_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminder_hash ON orleans_reminder (service_id, grain_hash);

-- The query catalogue ----------------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Membership. Insert and update change the silo row and bump the cluster version in one statement, and only
-- when the caller's version is still current: both happen or neither does. They return 1 or 0.
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_cluster_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM inserted;
$q$),

('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_cluster_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_silo s
                      WHERE s.deployment_id = @DeploymentId AND s.address = @Address
                        AND s.port = @Port AND s.generation = @Generation)
    RETURNING deployment_id),
inserted AS (
    INSERT INTO orleans_silo (deployment_id, address, port, generation, silo_name, host_name, status,
                              proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           CAST(@ProxyPort AS integer), @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1)
SELECT count(*)::integer FROM inserted;
$q$),

('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_cluster_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM orleans_silo s
                  WHERE s.deployment_id = @DeploymentId AND s.address = @Address
                    AND s.port = @Port AND s.generation = @Generation)
    RETURNING deployment_id),
updated AS (
    UPDATE orleans_silo s
    SET status = @Status, suspect_times = CAST(@SuspectTimes AS text), i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE s.deployment_id = bumped.deployment_id AND s.address = @Address
      AND s.port = @Port AND s.generation = @Generation
    RETURNING 1)
SELECT count(*)::integer FROM updated;
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_silo
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),

-- Reads always return the version row; a NULL StartTime means "no such silo".
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS DeploymentId, s.address AS Address, s.port AS Port, s.generation AS Generation,
       s.silo_name AS SiloName, s.host_name AS HostName, s.status AS Status, s.proxy_port AS ProxyPort,
       s.suspect_times AS SuspectTimes, s.start_time AS StartTime, s.i_am_alive_time AS IAmAliveTime,
       v.version AS Version
FROM orleans_cluster_version v
LEFT JOIN orleans_silo s
       ON s.deployment_id = v.deployment_id AND s.address = @Address
      AND s.port = @Port AND s.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
SELECT v.deployment_id AS DeploymentId, s.address AS Address, s.port AS Port, s.generation AS Generation,
       s.silo_name AS SiloName, s.host_name AS HostName, s.status AS Status, s.proxy_port AS ProxyPort,
       s.suspect_times AS SuspectTimes, s.start_time AS StartTime, s.i_am_alive_time AS IAmAliveTime,
       v.version AS Version
FROM orleans_cluster_version v
LEFT JOIN orleans_silo s ON s.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$q$),

-- Deleting the version row cascades to the cluster's silo rows.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_cluster_version WHERE deployment_id = @DeploymentId;
$q$),

('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_silo
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$q$),

-- 3 = Active: a live silo is never cleaned up, however stale its heartbeat looks.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_silo
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
$q$),

-- Grain state. A write with a NULL version inserts; otherwise it updates only the row at that version.
-- Returning no row is how the provider learns of an etag conflict (InconsistentStateException).
('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, modified_at AS ModifiedOn, version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text);
$q$),

('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version),
inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension,
                                     grain_id_hash, grain_type_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, CAST(@GrainIdExtensionString AS text),
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_key DO NOTHING
    RETURNING version)
SELECT version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT version FROM inserted;
$q$),

('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version AS NewGrainStateVersion;
$q$),

('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version + 1 AS NewGrainStateVersion;
$q$),

-- Reminders. Hash ranges: Rows1 is the plain (begin, end] range, Rows2 the range that wraps around.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, CAST(@Period AS bigint), @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
    version = orleans_reminder.version + 1
RETURNING version AS Version;
$q$),

('ReadReminderRowsKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period,
       version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period,
       version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$q$),

('ReadRangeRows1Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period,
       version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$q$),

('ReadRangeRows2Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period,
       version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1)
SELECT count(*)::integer FROM deleted;
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminder WHERE service_id = @ServiceId;
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
