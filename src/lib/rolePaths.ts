import { ROLES, type Role } from '../schemas/application.ts';

/** getStaticPaths for a page per role (/apply/mentee/, /evaluation/mentor/…): mentees first. */
export function rolePaths(): Array<{ params: { role: Role }; props: { role: Role } }> {
  return [...ROLES].reverse().map((role) => ({ params: { role }, props: { role } }));
}
