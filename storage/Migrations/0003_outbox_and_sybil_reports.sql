-- The outbox: every message the validator owes the Challenge API (challenge batches, sybil detections, miner-network
-- observations, penalty reports), written in the same step that produced it and delivered until the API acknowledges
-- it. message_id is the idempotency key: enqueueing the same message twice keeps one row, and once delivered_at is
-- set the row is never sent again. A sender claims due rows for a lease (claimed_until) with SKIP LOCKED, so two
-- silos never send the same row at the same time.

CREATE TABLE IF NOT EXISTS outbox
(
    message_id      text        PRIMARY KEY,
    kind            text        NOT NULL,
    payload         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_until   timestamptz NULL,
    last_error      text        NULL,
    delivered_at    timestamptz NULL,
    delivery_status integer     NULL
);

CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL;

-- One row per challenge in which sybil detection found suspicious pairs or groups (evaluation.md §7.7).
CREATE TABLE IF NOT EXISTS sybil_reports
(
    challenge_id                   text             PRIMARY KEY REFERENCES challenges (challenge_id) ON DELETE CASCADE,
    suspicious_pairs_count         integer          NOT NULL,
    suspicious_groups_count        integer          NOT NULL,
    high_similarity_threshold      double precision NOT NULL,
    very_high_similarity_threshold double precision NOT NULL,
    report                         jsonb            NOT NULL,
    created_at                     timestamptz      NOT NULL DEFAULT now()
);
