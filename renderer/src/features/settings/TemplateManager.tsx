import './templates/templates.css';
import { Copy, LayoutTemplate, Pencil, Trash2 } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import {
  type IncludableSectionId,
  includableSectionIds,
  type Template,
} from '../../../../shared/domain/templates';
import { call, messageOf } from '../../data/api';
import { IncludesFieldset } from './templates/IncludesFieldset';
import { TemplateEditor } from './templates/TemplateEditor';
import { Icon } from '../../components/Icon';

const allIncluded = Object.fromEntries(includableSectionIds.map((id) => [id, true])) as Record<
  IncludableSectionId,
  boolean
>;
const usedText = (n: number) =>
  n === 0 ? 'not used yet' : n === 1 ? 'used by 1 note' : `used by ${n} notes`;

/**
 * The note templates: the built-in ones (duplicate only) and the user's own, which can be
 * edited, duplicated, and removed while no note uses them.
 */
export function TemplateManager() {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [usage, setUsage] = useState<Record<string, number>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [baseId, setBaseId] = useState('');
  const [name, setName] = useState('');
  const [includes, setIncludes] = useState(allIncluded);
  const [error, setError] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function reload() {
    const [list, used] = await Promise.all([call('templates:list'), call('templates:usage')]);
    setTemplates(list);
    setUsage(used);
    setBaseId((current) => current || list[0]?.id || '');
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once, when Settings opens.
  useEffect(() => {
    reload().catch((failure) => setListError(messageOf(failure)));
  }, []);

  async function act(work: () => Promise<string>) {
    setListError(null);
    setStatus(null);
    try {
      setStatus(await work());
      await reload();
    } catch (failure) {
      setListError(messageOf(failure));
    }
  }

  const duplicate = (t: Template) =>
    act(async () => {
      const copy = await call('templates:duplicate', { id: t.id });
      setEditing(copy.id);
      return `“${copy.name}” made from “${t.name}”. Change it below.`;
    });

  const remove = (t: Template) =>
    act(async () => {
      setConfirming(null);
      await call('templates:remove', { id: t.id });
      return `Template “${t.name}” removed.`;
    });

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Give the template a name.');
    setError(null);
    try {
      const made = await call('templates:create', { baseId, name: name.trim(), includes });
      setTemplates((list) => [...list, made]);
      setName('');
      setStatus(`Template “${made.name}” created. Choose it for new notes on a client's page.`);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section className="card" aria-labelledby="templates-title">
      <h2 id="templates-title" className="section-title">
        <Icon icon={LayoutTemplate} /> Note templates
      </h2>
      <ul className="template-list" aria-label="Templates">
        {templates.map((t) => (
          <li key={t.id}>
            <div className="template-row">
              <span className="template-name">{t.name}</span>
              <span className="muted small">
                {t.builtIn ? 'built in' : `yours, ${usedText(usage[t.id] ?? 0)}`}
              </span>
              <span className="template-actions">
                {!t.builtIn && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Edit “${t.name}”`}
                    aria-expanded={editing === t.id}
                    onClick={() => setEditing(editing === t.id ? null : t.id)}
                  >
                    <Pencil aria-hidden="true" size={16} /> Edit
                  </button>
                )}
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Duplicate “${t.name}”`}
                  onClick={() => void duplicate(t)}
                >
                  <Copy aria-hidden="true" size={16} /> Duplicate
                </button>
                {!t.builtIn && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Remove “${t.name}”`}
                    onClick={() => ((usage[t.id] ?? 0) > 0 ? void remove(t) : setConfirming(t.id))}
                  >
                    <Trash2 aria-hidden="true" size={16} /> Remove
                  </button>
                )}
              </span>
            </div>
            {confirming === t.id && (
              <fieldset className="template-confirm" aria-label={`Remove “${t.name}”?`}>
                <p>No note uses “{t.name}”. Remove it for good?</p>
                <button type="button" className="danger" onClick={() => void remove(t)}>
                  Remove template
                </button>
                <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                  Keep it
                </button>
              </fieldset>
            )}
            {editing === t.id && (
              <TemplateEditor
                template={t}
                usedBy={usage[t.id] ?? 0}
                onCancel={() => setEditing(null)}
                onSaved={(saved) => {
                  setEditing(null);
                  void act(async () => `Template “${saved.name}” saved.`);
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {listError && (
        <p role="alert" className="error">
          {listError}
        </p>
      )}
      <form onSubmit={create} noValidate aria-label="New template">
        <h3>New template</h3>
        <label htmlFor="template-base">Based on</label>
        <select id="template-base" value={baseId} onChange={(e) => setBaseId(e.target.value)}>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <label htmlFor="template-name">Template name</label>
        <input id="template-name" type="text" value={name} onChange={(e) => setName(e.target.value)} />
        <IncludesFieldset includes={includes} onChange={setIncludes} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit">Create template</button>
      </form>
      <output aria-live="polite">{status}</output>
    </section>
  );
}
