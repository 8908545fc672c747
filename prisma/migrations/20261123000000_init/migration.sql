-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'engineer', 'manager', 'product');

-- CreateEnum
CREATE TYPE "InvocationStatus" AS ENUM ('PENDING', 'QUEUED', 'SENT', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'EXPIRED', 'CANCELED', 'INTERRUPTED');

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'engineer',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connection" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "orgId" TEXT,
    "regionId" TEXT,
    "instanceId" TEXT,
    "accessKey" TEXT NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invocation" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT,
    "userId" TEXT NOT NULL,
    "userEmail" TEXT NOT NULL,
    "userRole" "Role" NOT NULL,
    "connectionId" UUID NOT NULL,
    "connectionName" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "orgId" TEXT,
    "instanceId" TEXT,
    "productKey" TEXT NOT NULL,
    "deviceKey" TEXT NOT NULL,
    "assetId" TEXT,
    "iotId" TEXT,
    "deviceName" TEXT,
    "serviceId" TEXT NOT NULL,
    "serviceName" TEXT,
    "input" JSONB NOT NULL,
    "mode" TEXT NOT NULL,
    "timeoutMs" INTEGER NOT NULL,
    "pendingTtlS" INTEGER,
    "status" "InvocationStatus" NOT NULL DEFAULT 'PENDING',
    "output" JSONB,
    "platformCode" TEXT,
    "platformMessage" TEXT,
    "statusMessage" TEXT,
    "platformRequestId" TEXT,
    "commandId" TEXT,
    "messageId" TEXT,
    "rawState" TEXT,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),
    "deviceRepliedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "latencyMs" INTEGER,

    CONSTRAINT "invocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invocation_event" (
    "id" BIGSERIAL NOT NULL,
    "invocationId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "data" JSONB,

    CONSTRAINT "invocation_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_userId_idx" ON "session"("userId");

-- CreateIndex
CREATE INDEX "account_userId_idx" ON "account"("userId");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "connection_name_key" ON "connection"("name");

-- CreateIndex
CREATE UNIQUE INDEX "invocation_idempotencyKey_key" ON "invocation"("idempotencyKey");

-- CreateIndex
CREATE INDEX "invocation_requestedAt_id_idx" ON "invocation"("requestedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "invocation_status_requestedAt_idx" ON "invocation"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "invocation_connectionId_productKey_deviceKey_requestedAt_idx" ON "invocation"("connectionId", "productKey", "deviceKey", "requestedAt" DESC);

-- CreateIndex
CREATE INDEX "invocation_userId_requestedAt_idx" ON "invocation"("userId", "requestedAt" DESC);

-- CreateIndex
CREATE INDEX "invocation_event_invocationId_at_idx" ON "invocation_event"("invocationId", "at");

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invocation" ADD CONSTRAINT "invocation_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "connection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invocation_event" ADD CONSTRAINT "invocation_event_invocationId_fkey" FOREIGN KEY ("invocationId") REFERENCES "invocation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
