-- AlterTable
ALTER TABLE "invocation" ADD COLUMN     "reason" TEXT;

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "disabled" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "user_grant" (
    "id" UUID NOT NULL,
    "userId" TEXT NOT NULL,
    "connectionId" UUID NOT NULL,
    "productKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dangerous_service" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "productKey" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "markedBy" TEXT NOT NULL,
    "markedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dangerous_service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_throttle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "user_grant_connectionId_idx" ON "user_grant"("connectionId");

-- CreateIndex
CREATE UNIQUE INDEX "user_grant_userId_connectionId_productKey_key" ON "user_grant"("userId", "connectionId", "productKey");

-- CreateIndex
CREATE UNIQUE INDEX "dangerous_service_connectionId_productKey_serviceId_key" ON "dangerous_service"("connectionId", "productKey", "serviceId");

-- AddForeignKey
ALTER TABLE "user_grant" ADD CONSTRAINT "user_grant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_grant" ADD CONSTRAINT "user_grant_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dangerous_service" ADD CONSTRAINT "dangerous_service_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The reason a caller gave for a dangerous invocation is part of the audit record: written once,
-- like the other "who, what, why" columns (their guard is in 20261123020000_history).
CREATE FUNCTION "invocation_guard_reason"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."reason" IS DISTINCT FROM NEW."reason" THEN
    RAISE EXCEPTION 'invocation % is an audit record: "reason" is written once and cannot be changed', OLD."id";
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "invocation_reason_write_once" BEFORE UPDATE ON "invocation"
  FOR EACH ROW EXECUTE FUNCTION "invocation_guard_reason"();
