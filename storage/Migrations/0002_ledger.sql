-- The validator's ledger: what happened, queryable with SQL, keyed by the Challenge API's challenge UUID and the
-- miner hotkey (never by UID: UIDs are reused). Grains own the live state; the ledger is the record of it.

CREATE TABLE IF NOT EXISTS miners
(
    hotkey          text             PRIMARY KEY,
    uid             integer          NULL,
    coldkey         text             NULL,
    ip              text             NULL,
    port            integer          NULL,
    stake_tao       double precision NULL,
    is_available    boolean          NOT NULL DEFAULT false,
    last_probe_at   timestamptz      NULL,
    last_success_at timestamptz      NULL,
    last_error      text             NULL,
    first_seen_at   timestamptz      NOT NULL DEFAULT now(),
    updated_at      timestamptz      NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS challenges
(
    challenge_id   text        PRIMARY KEY,
    correlation_id text        NULL,
    source         text        NOT NULL,
    status         text        NOT NULL,
    model          text        NULL,
    payload        jsonb       NOT NULL,
    received_at    timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS challenges_received_at ON challenges (received_at DESC, challenge_id);
CREATE INDEX IF NOT EXISTS challenges_status ON challenges (status);

CREATE TABLE IF NOT EXISTS miner_answers
(
    challenge_id     text        NOT NULL REFERENCES challenges (challenge_id) ON DELETE CASCADE,
    miner_hotkey     text        NOT NULL,
    miner_uid        integer     NULL,
    response_text    text        NULL,
    response_time_ms integer     NULL,
    finish_reason    text        NULL,
    tool_calls       jsonb       NULL,
    usage            jsonb       NULL,
    outcome          text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (challenge_id, miner_hotkey)
);

CREATE INDEX IF NOT EXISTS miner_answers_miner ON miner_answers (miner_hotkey, created_at);

CREATE TABLE IF NOT EXISTS evaluations
(
    challenge_id      text             PRIMARY KEY REFERENCES challenges (challenge_id) ON DELETE CASCADE,
    consensus_score   double precision NOT NULL,
    emissions         jsonb            NOT NULL,
    best_miner_hotkey text             NULL,
    heatmap_path      text             NULL,
    narrative         text             NULL,
    created_at        timestamptz      NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS weight_submissions
(
    netuid         integer     NOT NULL,
    epoch          bigint      NOT NULL,
    status         text        NOT NULL,
    weights        jsonb       NOT NULL,
    extrinsic_hash text        NULL,
    block_number   bigint      NULL,
    message        text        NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (netuid, epoch)
);

CREATE TABLE IF NOT EXISTS registered_hotkeys
(
    hotkey        text        PRIMARY KEY,
    is_available  boolean     NOT NULL DEFAULT true,
    registered_at timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
