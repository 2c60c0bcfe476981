-- The days of the week a provider can cover in a locality and band (weekend capacity is often the
-- gap); every day unless the provider says otherwise.
ALTER TABLE "CapacityDeclaration"
    ADD COLUMN "days" "Weekday"[] NOT NULL DEFAULT ARRAY['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']::"Weekday"[];
