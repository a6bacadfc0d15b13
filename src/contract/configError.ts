/**
 * A deployment that cannot run as configured: a bad variable, a token the platform refuses, a data
 * folder that cannot be written, a COURSE_JSON that is not a course. The start ends with its one line
 * and exit code 2; `problems` name each variable (or path) and what to fix.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration error: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}
