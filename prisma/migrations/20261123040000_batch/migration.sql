-- AlterTable
ALTER TABLE "invocation" ADD COLUMN     "batchId" UUID;

-- CreateIndex
CREATE INDEX "invocation_batchId_idx" ON "invocation"("batchId");

-- Hand-written: which batch an invocation was sent in is part of its audit record, written once by
-- the INSERT like the other "who, where, what" columns (their guard is in 20261123020000_history).
CREATE FUNCTION "invocation_guard_batch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."batchId" IS DISTINCT FROM NEW."batchId" THEN
    RAISE EXCEPTION 'invocation % is an audit record: "batchId" is written once and cannot be changed', OLD."id";
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "invocation_batch_write_once" BEFORE UPDATE ON "invocation"
  FOR EACH ROW EXECUTE FUNCTION "invocation_guard_batch"();
