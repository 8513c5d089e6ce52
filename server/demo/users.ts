import { MINISTRY } from '../bootstrap/ministry.ts';
import { DEMO_ORGANISATIONS } from './organisations.ts';
import type { DemoUser } from './types.ts';

/** The one password of every demo account (documented in the README). */
export const DEMO_PASSWORD = 'tansiq-demo-2026';
export const DEMO_EMAIL_DOMAIN = 'demo.tansiq.ma';

export const demoEmail = (local: string): string => `${local}@${DEMO_EMAIL_DOMAIN}`;

/** The coordination unit at the ministry. */
export const DEMO_ADMINS: readonly DemoUser[] = [
  { email: demoEmail('admin'), name: 'Meriem Alaoui', organisationCode: MINISTRY.code, role: 'admin', locale: 'fr' },
  { email: demoEmail('secretariat'), name: 'Anas Bennani', organisationCode: MINISTRY.code, role: 'admin', locale: 'ar' },
];

/** One focal point per partner organisation, signing in as `<code>@demo.tansiq.ma`. */
export const DEMO_FOCAL_POINTS: readonly DemoUser[] = DEMO_ORGANISATIONS.map((organisation) => ({
  email: demoEmail(organisation.code),
  name: organisation.focalPoint.name,
  organisationCode: organisation.code,
  role: 'member',
  locale: organisation.focalPoint.locale,
}));

export const DEMO_USERS: readonly DemoUser[] = [...DEMO_ADMINS, ...DEMO_FOCAL_POINTS];
