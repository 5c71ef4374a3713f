/** The application role schema/002_roles.sql creates: store sessions run as it, and it owns nothing. */
export const APPLICATION_ROLE = 'mcp_user';
