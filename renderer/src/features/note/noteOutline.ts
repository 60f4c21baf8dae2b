/** The note's outline: the sections it shows, in order, for the "Note sections" navigation. */
import { includableSectionLabels, type Template } from '../../../../shared/domain/templates';

export interface OutlineItem {
  /** The part's key, unique within the note: "section:<id>" for a template section, else one of partKeys. */
  key: string;
  label: string;
}

/** The key of a template section (or of text kept under a section the template no longer has). */
export function sectionKey(sectionId: string): string {
  return `section:${sectionId}`;
}

/** Keys of the editor's own parts; template sections have keys of their own prefix (sectionKey). */
export const partKeys = {
  attunement: 'part:attunement',
  ruptures: 'part:ruptures',
  participation: 'part:participation',
  feedback: 'part:feedback',
  goals: 'part:goals',
  plan: 'part:plan',
  risk: 'part:risk',
  addenda: 'part:addenda',
  measures: 'part:measures',
  processNotes: 'part:process-notes',
} as const;

/** The heading of the note's treatment goals (GoalsSection), as the outline names it. */
export const goalsSectionLabel = 'Treatment goals';

/**
 * What the editor shows, top to bottom: the template's sections (then any text stored under a
 * section the template no longer has, as BaseSections shows it), the included parts (the
 * treatment goals, in every note, just before the plan), the addenda of a signed note, the
 * session's outcome measures, and the private process notes.
 */
export function noteOutline(
  template: Pick<Template, 'baseSections' | 'includes'>,
  sections: Readonly<Record<string, string>>,
  signed: boolean,
  /** Whether the note shows its risk section (every draft; a signed note only if it has one). */
  showRisk = false,
): OutlineItem[] {
  const known = new Set(template.baseSections.map((s) => s.id));
  const items: OutlineItem[] = template.baseSections.map((s) => ({ key: sectionKey(s.id), label: s.label }));
  for (const id of orphanSectionIds(known, sections)) items.push({ key: sectionKey(id), label: id });
  const { includes } = template;
  if (includes.attunement)
    items.push({ key: partKeys.attunement, label: includableSectionLabels.attunement });
  if (includes.ruptures) items.push({ key: partKeys.ruptures, label: includableSectionLabels.ruptures });
  if (includes.participation) {
    items.push({ key: partKeys.participation, label: includableSectionLabels.participation });
  }
  if (includes.feedback) items.push({ key: partKeys.feedback, label: includableSectionLabels.feedback });
  items.push({ key: partKeys.goals, label: goalsSectionLabel });
  if (includes.plan) items.push({ key: partKeys.plan, label: includableSectionLabels.plan });
  if (showRisk) items.push({ key: partKeys.risk, label: 'Risk assessment' });
  if (signed) items.push({ key: partKeys.addenda, label: 'Addenda' });
  // Every note: measures belong to the session and can be added after signing.
  items.push({ key: partKeys.measures, label: 'Outcome measures' });
  items.push({ key: partKeys.processNotes, label: 'Private process notes' });
  return items;
}

/** Ids of sections holding text that the template does not list, in stored order. */
export function orphanSectionIds(
  known: ReadonlySet<string>,
  sections: Readonly<Record<string, string>>,
): string[] {
  return Object.keys(sections).filter((id) => !known.has(id) && sections[id]);
}

/** The DOM id of a part, under the editor's own prefix (from useId) so it is unique on the page. */
export function partDomId(prefix: string, key: string): string {
  return `${prefix}-${encodeURIComponent(key)}`;
}

/** Where a part of the note is on screen: its box's top and bottom, in window pixels. */
export interface PartBox {
  key: string;
  top: number;
  bottom: number;
}

/** The window as the outline reads it: in window pixels, and whether the note is scrolled to its end. */
export interface OutlineView {
  /** The bottom of the note's sticky header: parts under it are hidden. */
  top: number;
  /** The bottom of the band read as "current" (40 % of the window). */
  bandBottom: number;
  /** The window's height. */
  height: number;
  atEnd: boolean;
}

/**
 * The part being read: the first one reaching into the band under the sticky header. At the
 * note's end the last parts can never scroll up into that band (there is nothing below to push
 * them), so there the current part is the last one in view.
 */
export function currentPart(parts: readonly PartBox[], view: OutlineView): string | null {
  if (view.atEnd) {
    const inView = parts.filter((p) => p.bottom > view.top && p.top < view.height);
    if (inView.length > 0) return inView[inView.length - 1]!.key;
  }
  const bandBottom = Math.max(view.bandBottom, view.top + 1);
  return parts.find((p) => p.bottom > view.top && p.top < bandBottom)?.key ?? null;
}

/** Whether a scrolled box is at its end; a box that does not scroll is not (it is at its start too). */
export function scrolledToEnd(box: {
  scrollTop: number;
  clientHeight: number;
  scrollHeight: number;
}): boolean {
  return box.scrollTop > 0 && box.scrollTop + box.clientHeight >= box.scrollHeight - 2;
}
