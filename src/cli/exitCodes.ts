export const EXIT_OK = 0;
/** The command ran and failed (database, SQL, data). */
export const EXIT_FAILURE = 1;
/** The command line or the configuration was wrong; nothing ran. */
export const EXIT_USAGE = 2;
