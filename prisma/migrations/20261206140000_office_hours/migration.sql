-- Provider offices' hours per council: long-term offers' time to answer runs on office days only.
ALTER TABLE "CouncilSetting"
    ADD COLUMN "officeOpens" CHAR(5) NOT NULL DEFAULT '09:00',
    ADD COLUMN "officeCloses" CHAR(5) NOT NULL DEFAULT '17:00',
    ADD COLUMN "officeDays" "Weekday"[] NOT NULL DEFAULT ARRAY['MON', 'TUE', 'WED', 'THU', 'FRI']::"Weekday"[],
    ADD CONSTRAINT "CouncilSetting_office_hours_check" CHECK ("officeOpens" < "officeCloses");
