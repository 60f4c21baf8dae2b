import { type FormEvent, useEffect, useState } from 'react';
import {
  type IncludableSectionId,
  includableSectionIds,
  includableSectionLabels,
  type Template,
} from '../../../../shared/domain/templates';
import { call, messageOf } from '../../data/api';

const allIncluded = Object.fromEntries(includableSectionIds.map((id) => [id, true])) as Record<IncludableSectionId, boolean>;

/** The note templates: the built-in ones and the user's own, made from any of them. */
export function TemplateManager() {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [baseId, setBaseId] = useState('');
  const [name, setName] = useState('');
  const [includes, setIncludes] = useState(allIncluded);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    call('templates:list')
      .then((list) => {
        setTemplates(list);
        setBaseId((current) => current || list[0]?.id || '');
      })
      .catch((failure) => setError(messageOf(failure)));
  }, []);

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
      <h2 id="templates-title">Note templates</h2>
      <ul>
        {templates.map((t) => (
          <li key={t.id}>
            {t.name} <span className="muted">{t.builtIn ? '(built in)' : '(yours)'}</span>
          </li>
        ))}
      </ul>
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
        <fieldset>
          <legend>Sections to include</legend>
          {includableSectionIds.map((id) => (
            <label key={id} className="check">
              <input
                type="checkbox"
                checked={includes[id]}
                onChange={(e) => setIncludes((current) => ({ ...current, [id]: e.target.checked }))}
              />
              {includableSectionLabels[id]}
            </label>
          ))}
        </fieldset>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit">Create template</button>
        <output aria-live="polite">{status}</output>
      </form>
    </section>
  );
}
