-- The offer a notification is about, so its email is not sent once the offer has closed.
ALTER TABLE "Notification" ADD COLUMN "offerId" UUID;

-- Each address a notification has been emailed to: a retried send (after a worker stopped
-- mid-send) skips the addresses already sent to.
CREATE TABLE "NotificationEmail" (
    "notificationId" UUID NOT NULL,
    "councilId" UUID,
    "address" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationEmail_pkey" PRIMARY KEY ("notificationId", "address")
);

ALTER TABLE "NotificationEmail" ADD CONSTRAINT "NotificationEmail_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
