/** How a packet names its records: fresh opaque refs, and one client id for the whole case. */
import { z } from 'zod';

/** The client id the packet's summaries and measures carry, so the shared analytics run on them unchanged. */
export const CASE_REF = 'case';

/** An opaque ref to a session, note, rupture or template inside one packet, e.g. "s-3f9a0c1b2d4e". */
export const packetRefSchema = z
  .string({ error: 'A reference is missing.' })
  .regex(/^[a-z]-[0-9a-f]{12}$/, 'A reference is a letter, a dash and 12 hex characters.');
