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
import { kinds, type RecordStore } from './RecordStore';

export interface NewTemplate {
  baseId: string;
  name: string;
  description?: string;
  baseSections?: TemplateSection[];
  includes?: Partial<TemplateIncludes>;
}

/** Note templates: the built-in four, then the user's own, made from any of them. */
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
      const wanted = input.name.trim().toLowerCase();
      if ((await this.list()).some((t) => t.name.trim().toLowerCase() === wanted)) {
        throw new AttuneError(
          'conflict',
          `A template named “${input.name.trim()}” already exists; choose another name.`,
        );
      }
      const template = derive(base, input);
      await writer.put(kinds.template, template.id, template, {
        type: 'create',
        detail: { kind: kinds.template, id: template.id },
      });
      return structuredClone(template);
    });
  }
}

function derive(base: Template, input: NewTemplate): Template {
  try {
    return deriveTemplate(base, input.name, {
      id: randomUUID(),
      description: input.description,
      baseSections: input.baseSections,
      includes: input.includes,
    });
  } catch (error) {
    if (error instanceof ZodError) throw new AttuneError('invalid-input', describeIssues(error.issues));
    throw error;
  }
}
