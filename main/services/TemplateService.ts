import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import {
  builtInTemplate,
  builtInTemplates,
  deriveTemplate,
  type Template,
  type TemplateIncludes,
  type TemplateSection,
} from '../../shared/domain/templates';
import { AttuneError } from '../../shared/errors';
import { describeIssues } from '../../shared/errors';
import { noteSummaries } from './noteSummaries';
import { kinds, type RecordStore } from './RecordStore';

/** What an edit of a user template may change; the rest stays as it was. */
export interface TemplateEdit {
  name?: string;
  description?: string;
  baseSections?: TemplateSection[];
  includes?: Partial<TemplateIncludes>;
}

export interface NewTemplate {
  baseId: string;
  name: string;
  description?: string;
  baseSections?: TemplateSection[];
  includes?: Partial<TemplateIncludes>;
}

/**
 * Note templates: the built-in four, then the user's own, made from any of them. The user's own
 * can be edited and removed while no note uses them; built-in ones only duplicated.
 */
export class TemplateService {
  constructor(private readonly store: RecordStore) {}

  async list(): Promise<Template[]> {
    const own = [...(await this.store.all<Template>(kinds.template)).values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    return structuredClone([...builtInTemplates, ...own]);
  }

  /** A built-in or user template, or a `not-found` error. */
  async require(id: string): Promise<Template> {
    const template = builtInTemplate(id) ?? (await this.store.find<Template>(kinds.template, id));
    if (!template) {
      throw new AttuneError('not-found', 'This template no longer exists. Choose another template.');
    }
    return template;
  }

  create(input: NewTemplate): Promise<Template> {
    return this.store.write(async (writer) => {
      const base = await this.require(input.baseId);
      await this.#refuseTakenName(input.name);
      const template = derive(base, input);
      await writer.put(kinds.template, template.id, template, {
        type: 'create',
        detail: { kind: kinds.template, id: template.id },
      });
      return structuredClone(template);
    });
  }

  /** A copy of any template (built in or not) under a free name: “SOAP (copy)”, “SOAP (copy 2)”… */
  duplicate(id: string): Promise<Template> {
    return this.store.write(async (writer) => {
      const base = await this.require(id);
      const taken = new Set((await this.list()).map((t) => t.name.trim().toLowerCase()));
      let name = `${base.name} (copy)`;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.name} (copy ${n})`;
      const template = derive(base, { baseId: id, name: name.slice(0, 80) });
      await writer.put(kinds.template, template.id, template, {
        type: 'create',
        detail: { kind: kinds.template, id: template.id },
      });
      return structuredClone(template);
    });
  }

  /**
   * Changes a user template. Notes keep their text by section id, so a renamed section keeps its
   * text in every note, and a removed one stays readable in the notes that have text in it.
   */
  update(id: string, edit: TemplateEdit): Promise<Template> {
    return this.store.write(async (writer) => {
      const current = await this.#requireOwn(id, 'changed');
      if (edit.name !== undefined && edit.name.trim().toLowerCase() !== current.name.trim().toLowerCase()) {
        await this.#refuseTakenName(edit.name);
      }
      const template = derive(
        current,
        {
          baseId: id,
          name: edit.name ?? current.name,
          description: edit.description,
          baseSections: edit.baseSections,
          includes: edit.includes,
        },
        id,
      );
      await writer.put(kinds.template, id, template, {
        type: 'update',
        detail: { kind: kinds.template, id },
      });
      return structuredClone(template);
    });
  }

  /** How many notes use each template, by template id (templates no note uses are left out). */
  async usage(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const note of (await noteSummaries(this.store)).values()) {
      counts[note.templateId] = (counts[note.templateId] ?? 0) + 1;
    }
    return counts;
  }

  /** Removes a user template no note uses; a used one is refused, saying how many notes use it. */
  remove(id: string): Promise<void> {
    return this.store.write(async (writer) => {
      const template = await this.#requireOwn(id, 'removed');
      const used = (await this.usage())[id] ?? 0;
      if (used > 0) {
        throw new AttuneError(
          'conflict',
          `“${template.name}” is used by ${used === 1 ? '1 note' : `${used} notes`}, so it can’t be ` +
            'removed: those notes show their sections from it. You can still rename or edit it.',
        );
      }
      await writer.delete(kinds.template, id, { type: 'delete', detail: { kind: kinds.template, id } });
    });
  }

  async #requireOwn(id: string, what: 'changed' | 'removed'): Promise<Template> {
    const template = await this.require(id);
    if (template.builtIn) {
      throw new AttuneError(
        'invalid-input',
        `The built-in template “${template.name}” can’t be ${what}. Duplicate it and change the copy.`,
      );
    }
    return template;
  }

  async #refuseTakenName(name: string): Promise<void> {
    const wanted = name.trim().toLowerCase();
    if ((await this.list()).some((t) => t.name.trim().toLowerCase() === wanted)) {
      throw new AttuneError(
        'conflict',
        `A template named “${name.trim()}” already exists; choose another name.`,
      );
    }
  }
}

function derive(base: Template, input: NewTemplate, id: string = randomUUID()): Template {
  try {
    return deriveTemplate(base, input.name, {
      id,
      description: input.description,
      baseSections: input.baseSections,
      includes: input.includes,
    });
  } catch (error) {
    if (error instanceof ZodError) throw new AttuneError('invalid-input', describeIssues(error.issues));
    throw error;
  }
}
