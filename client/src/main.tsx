import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { applyToDocument } from './i18n/index.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/tables.css';
import './styles/editor.css';
import './styles/charts.css';
import './styles/indicators.css';
import './styles/panels.css';
import './styles/sessions.css';
import './styles/print.css';
import './realtime/socket.ts';

applyToDocument();
const root = document.getElementById('root');
if (root) render(() => <App />, root);
