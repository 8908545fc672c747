-- DropIndex
DROP INDEX "invocation_status_requestedAt_idx";

-- CreateTable
CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "preset" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "productKey" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "authorId" TEXT,
    "authorEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "preset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "retention_log" (
    "id" UUID NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "retentionDays" INTEGER NOT NULL,
    "cutoff" TIMESTAMPTZ(3) NOT NULL,
    "invocationsDeleted" INTEGER NOT NULL DEFAULT 0,
    "eventsDeleted" INTEGER NOT NULL DEFAULT 0,
    "oldestDeletedAt" TIMESTAMPTZ(3),
    "newestDeletedAt" TIMESTAMPTZ(3),
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,

    CONSTRAINT "retention_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_token_tokenHash_key" ON "api_token"("tokenHash");

-- CreateIndex
CREATE INDEX "api_token_userId_createdAt_idx" ON "api_token"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "preset_authorId_idx" ON "preset"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "preset_connectionId_productKey_serviceId_name_key" ON "preset"("connectionId", "productKey", "serviceId", "name");

-- CreateIndex
CREATE INDEX "invocation_status_requestedAt_id_idx" ON "invocation"("status", "requestedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "invocation_connectionId_requestedAt_id_idx" ON "invocation"("connectionId", "requestedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "invocation_platform_requestedAt_id_idx" ON "invocation"("platform", "requestedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "invocation_productKey_requestedAt_id_idx" ON "invocation"("productKey", "requestedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "invocation_deviceKey_requestedAt_id_idx" ON "invocation"("deviceKey", "requestedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "invocation_serviceId_requestedAt_id_idx" ON "invocation"("serviceId", "requestedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "invocation_userEmail_requestedAt_id_idx" ON "invocation"("userEmail", "requestedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "invocation_commandId_idx" ON "invocation"("commandId" text_pattern_ops);

-- CreateIndex
CREATE INDEX "invocation_messageId_idx" ON "invocation"("messageId" text_pattern_ops);

-- CreateIndex
CREATE INDEX "invocation_platformRequestId_idx" ON "invocation"("platformRequestId" text_pattern_ops);

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "preset" ADD CONSTRAINT "preset_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "preset" ADD CONSTRAINT "preset_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written (schema.prisma cannot describe triggers): the audit history is append-only.
--
-- Every invocation column that says who, where, what and when is written once, by the INSERT, and
-- never changes. An invocation is "finished" once its status has left PENDING, i.e. the outcome of
-- the platform call has been recorded. After that its status may still move, but only away from
-- QUEUED, SENT or INTERRUPTED (the reconciler and cancel paths: the platform later reports what
-- happened); SUCCEEDED, FAILED, TIMED_OUT, EXPIRED and CANCELED are terminal (FINAL_STATUSES in
-- lib/invocations/status.ts), after which the outcome is frozen too. Bookkeeping columns
-- (nextPollAt, pollAttempts, ownerInstanceId) stay writable. Events are insert-only. Rows are
-- deleted only by the retention job, inside a transaction that sets app.retention = 'on'.

CREATE FUNCTION "invocation_guard_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  recorded CONSTANT text[] := ARRAY[
    'id', 'idempotencyKey', 'userId', 'userEmail', 'userRole', 'connectionId', 'connectionName', 'platform',
    'orgId', 'instanceId', 'productKey', 'deviceKey', 'assetId', 'iotId', 'deviceName', 'serviceId',
    'serviceName', 'input', 'mode', 'timeoutMs', 'pendingTtlS', 'requestedAt'];
  outcome CONSTANT text[] := ARRAY[
    'status', 'output', 'platformCode', 'platformMessage', 'statusMessage', 'platformRequestId', 'commandId',
    'messageId', 'rawState', 'sentAt', 'deviceRepliedAt', 'completedAt', 'latencyMs'];
  before jsonb := to_jsonb(OLD);
  after jsonb := to_jsonb(NEW);
  col text;
BEGIN
  FOREACH col IN ARRAY recorded LOOP
    IF before -> col IS DISTINCT FROM after -> col THEN
      RAISE EXCEPTION 'invocation % is an audit record: "%" is written once and cannot be changed', OLD."id", col
        USING HINT = 'Who, where, what and when of an invocation never change; invoke again to make a new record.';
    END IF;
  END LOOP;
  IF OLD."status" IN ('SUCCEEDED', 'FAILED', 'TIMED_OUT', 'EXPIRED', 'CANCELED') THEN
    FOREACH col IN ARRAY outcome LOOP
      IF before -> col IS DISTINCT FROM after -> col THEN
        RAISE EXCEPTION 'invocation % finished as %: its outcome ("%") cannot be changed', OLD."id", OLD."status", col;
      END IF;
    END LOOP;
  END IF;
  IF OLD."status" <> 'PENDING' AND NEW."status" = 'PENDING' THEN
    RAISE EXCEPTION 'invocation % finished as %: it cannot return to PENDING', OLD."id", OLD."status";
  END IF;
  RETURN NEW;
END
$$;

CREATE FUNCTION "audit_guard_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('app.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '"%" rows are append-only audit records: % is refused', TG_TABLE_NAME, TG_OP
    USING HINT = 'Old history is removed only by the retention job (npm run history:retention with HISTORY_RETENTION_DAYS set).';
END
$$;

CREATE FUNCTION "invocation_event_guard_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '"invocation_event" rows are append-only audit records: UPDATE is refused'
    USING HINT = 'Record what happened as a new event instead.';
END
$$;

CREATE TRIGGER "invocation_append_only_update" BEFORE UPDATE ON "invocation"
  FOR EACH ROW EXECUTE FUNCTION "invocation_guard_update"();

CREATE TRIGGER "invocation_append_only_delete" BEFORE DELETE ON "invocation"
  FOR EACH ROW EXECUTE FUNCTION "audit_guard_delete"();

CREATE TRIGGER "invocation_append_only_truncate" BEFORE TRUNCATE ON "invocation"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_guard_delete"();

CREATE TRIGGER "invocation_event_append_only_update" BEFORE UPDATE ON "invocation_event"
  FOR EACH ROW EXECUTE FUNCTION "invocation_event_guard_update"();

CREATE TRIGGER "invocation_event_append_only_delete" BEFORE DELETE ON "invocation_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_guard_delete"();

CREATE TRIGGER "invocation_event_append_only_truncate" BEFORE TRUNCATE ON "invocation_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_guard_delete"();
