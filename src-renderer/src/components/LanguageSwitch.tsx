import { useI18n } from '../i18n/i18n-context';
import { LANGUAGES } from '../i18n/translator';
import { useResetFlow } from '../state/store-context';

/**
 * Each language of the registry is named in itself (and marked with its own lang and direction) so people find theirs
 * whatever is showing now.
 * Plain buttons styled by global.css: it is on the first screen, which paints without Fluent.
 */
export function LanguageSwitch() {
  const { t, setLanguage } = useI18n();
  // Language set by policy: the choice is shown, marked as the organisation's, and cannot be changed here.
  const managed = useResetFlow((s) => s.appInfo?.managedSettings?.includes('locale') ?? false);
  return (
    <div
      role="group"
      aria-label={t.m.language.label}
      aria-describedby={managed ? 'language-managed' : undefined}
      className="rd-languages"
    >
      {managed && (
        <span id="language-managed" className="rd-small rd-muted" data-managed-setting="locale">
          {t.m.language.managed}
        </span>
      )}
      {LANGUAGES.map(({ code, ownName, direction }) => (
        <button
          key={code}
          type="button"
          className="rd-button rd-button-small rd-button-subtle"
          aria-pressed={code === t.language}
          disabled={managed && code !== t.language}
          lang={code}
          dir={direction}
          onClick={() => setLanguage(code)}
        >
          {ownName}
        </button>
      ))}
    </div>
  );
}
