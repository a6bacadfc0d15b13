/** A DATABASE_URL rather than a file: the store is on PostgreSQL. */
export const isDatabaseUrl = (location: string): boolean => /^postgres(ql)?:\/\//.test(location);
