-- AlterTable
ALTER TABLE "invocation" ADD COLUMN     "nextPollAt" TIMESTAMPTZ(3),
ADD COLUMN     "ownerInstanceId" UUID,
ADD COLUMN     "pollAttempts" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "console_instance" (
    "id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "console_instance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "console_instance_heartbeatAt_idx" ON "console_instance"("heartbeatAt");

-- CreateIndex
CREATE INDEX "invocation_status_nextPollAt_idx" ON "invocation"("status", "nextPollAt");
