/** The time source of the services; tests pass a fixed or stepping clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The clock's time as an ISO 8601 string, the form every stored timestamp takes. */
export const isoNow = (clock: Clock): string => clock().toISOString();
