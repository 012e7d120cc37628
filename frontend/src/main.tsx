import { render } from "preact";
import { App } from "./app";
import { browserLanguages, detectLanguage, initI18n, readStoredLanguage } from "./i18n";
import { I18nProvider } from "./i18n/context";
import { session } from "./services";
import "./styles.css";

async function start(): Promise<void> {
  const lang = detectLanguage(readStoredLanguage(), browserLanguages());
  await initI18n(lang);
  document.documentElement.lang = lang;
  const root = document.getElementById("app");
  if (!root) throw new Error("#app missing from index.html");
  render(
    <I18nProvider initial={lang}>
      <App />
    </I18nProvider>,
    root,
  );
  await session.init();
}

void start();
