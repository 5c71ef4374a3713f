/**
 * Common US surnames (faker's English last names are mostly invented-sounding) and
 * the mail domains customers use. First names come from faker's en_US lists.
 */
export const SURNAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
  'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes',
  'Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Tran', 'Pham', 'Park', 'Choi', 'Yamamoto',
  'Tanaka', 'Singh', 'Shah', 'Kumar', 'Nakamura', 'Olson', 'Larson', 'Hansen', 'Johansen', 'Lindqvist',
  "O'Brien", 'Murray', 'Fischer', 'Schmidt', 'Weber', 'Novak', 'Kowalski', 'Rossi', 'Russo', 'Cohen',
  'Okafor', 'Mensah', 'Haddad', 'Nasser', 'Silva', 'Santos', 'Pereira', 'Fernandez', 'Vargas', 'Castro',
];

/** Weighted by how often they appear in US customer lists. */
export const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 38],
  ['yahoo.com', 12],
  ['outlook.com', 10],
  ['hotmail.com', 8],
  ['icloud.com', 10],
  ['aol.com', 3],
  ['comcast.net', 4],
  ['proton.me', 3],
  ['msn.com', 3],
  ['live.com', 3],
  ['me.com', 2],
  ['fastmail.com', 1],
  ['hey.com', 1],
];
