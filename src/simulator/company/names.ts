/**
 * Word pools for people and companies. Companies are fictional and every domain the simulator
 * invents ends in `.example` or `.test` (RFC 2606), except the public free-mail providers that
 * real participants do use.
 */

export const FIRST_NAMES = [
  'Alex', 'Jordan', 'Sam', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn',
  'Harper', 'Rowan', 'Elena', 'Marcus', 'Priya', 'Diego', 'Aisha', 'Kenji', 'Sofia', 'Liam',
  'Noah', 'Olivia', 'Emma', 'Mateo', 'Chloe', 'Isaac', 'Nadia', 'Omar', 'Hannah', 'Lucas',
  'Maya', 'Ethan', 'Zoe', 'Gabriel', 'Leah', 'Daniel', 'Ines', 'Victor', 'Amara', 'Felix',
  'Grace', 'Henry', 'Ivy', 'Jonas', 'Kara', 'Leo', 'Mila', 'Nico', 'Paula', 'Rafael',
  'Sara', 'Theo', 'Uma', 'Vera', 'Wes', 'Yara', 'Zane', 'Anika', 'Bruno', 'Camille',
  'Dev', 'Eva', 'Farah', 'Gus', 'Hugo', 'Ana', 'Jack', 'Kiran', 'Lena', 'Mina',
  'Nora', 'Oscar', 'Pia', 'Reza', 'Sina', 'Tara', 'Ugo', 'Wren', 'Xavier', 'Yusuf',
  'Jane', 'Ben', 'Claire', 'Dana', 'Erik', 'Fiona', 'Glen', 'Holly', 'Ian', 'Julia',
] as const;

export const LAST_NAMES = [
  'Rivera', 'Lee', 'Patel', 'Kim', 'Nguyen', 'Garcia', 'Smith', 'Johnson', 'Brown', 'Martin',
  'Lopez', 'Clark', 'Lewis', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green',
  'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans',
  'Turner', 'Torres', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers',
  'Morgan', 'Peterson', 'Cooper', 'Reed', 'Bailey', 'Bell', 'Gomez', 'Kelly', 'Howard', 'Ward',
  'Cox', 'Diaz', 'Richardson', 'Wood', 'Watson', 'Brooks', 'Bennett', 'Gray', 'James', 'Reyes',
  'Cruz', 'Hughes', 'Price', 'Myers', 'Long', 'Foster', 'Sanders', 'Ross', 'Morales', 'Powell',
  'Sullivan', 'Russell', 'Ortiz', 'Jenkins', 'Gutierrez', 'Perry', 'Butler', 'Barnes', 'Fisher', 'Henderson',
  'Okafor', 'Tanaka', 'Schmidt', 'Dubois', 'Rossi', 'Novak', 'Haddad', 'Larsen', 'Kowalski', 'Mendes',
] as const;

/** First halves of fictional company names. */
export const COMPANY_STEMS = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Soylent', 'Cyberdyne', 'Tyrell', 'Wonka',
  'Stark', 'Wayne', 'Oscorp', 'Gringotts', 'Monarch', 'Aperture', 'Massive', 'Pied', 'Dunder', 'Prestige',
  'Bluth', 'Sterling', 'Cogswell', 'Spacely', 'Krusty', 'Duff', 'Gekko', 'Nakatomi', 'Virtucon', 'Zorg',
  'Brightwave', 'Northstar', 'Silverline', 'Redwood', 'Ironclad', 'Bluepeak', 'Greenfield', 'Quantum', 'Nimbus', 'Orbit',
  'Pinnacle', 'Summit', 'Harbor', 'Lumen', 'Vertex', 'Cobalt', 'Falcon', 'Juniper', 'Keystone', 'Meridian',
  'Beacon', 'Cascade', 'Delta', 'Everest', 'Fulcrum', 'Granite', 'Helix', 'Indigo', 'Jasper', 'Kestrel',
  'Lattice', 'Mosaic', 'Nova', 'Onyx', 'Prism', 'Quartz', 'Radiant', 'Sable', 'Tundra', 'Uplift',
  'Vantage', 'Willow', 'Xenon', 'Yonder', 'Zenith', 'Atlas', 'Boreal', 'Citadel', 'Driftwood', 'Ember',
] as const;

/** Second halves; with the stems they give thousands of distinct names. */
export const COMPANY_SUFFIXES = [
  'Corp', 'Labs', 'Logistics', 'Health', 'Systems', 'Analytics', 'Robotics', 'Foods', 'Energy', 'Capital',
  'Retail', 'Media', 'Software', 'Networks', 'Industries', 'Bio', 'Freight', 'Insurance', 'Partners', 'Group',
] as const;

export const INDUSTRIES = [
  'Software', 'Healthcare', 'Financial Services', 'Manufacturing', 'Retail', 'Logistics', 'Media',
  'Energy', 'Education', 'Telecommunications', 'Other > Other',
] as const;

export const BUYER_TITLES = [
  'VP of Sales', 'Director of Revenue Operations', 'Head of Sales Enablement', 'Chief Revenue Officer',
  'Sales Operations Manager', 'IT Director', 'Security Engineer', 'Procurement Manager', 'Enterprise Architect',
  'Head of Customer Success', 'Finance Manager', 'Legal Counsel', 'CTO', 'RevOps Analyst', 'Sales Manager',
] as const;

export const FREE_MAIL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com'] as const;

export const SUBDOMAINS = ['eu', 'us', 'emea', 'apac', 'uk', 'corp'] as const;

/**
 * A name as a domain label.
 *
 * @example slugify('Brightwave Logistics') // 'brightwave-logistics'
 */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
