import { unstableSetRender } from 'antd-mobile';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { FieldApp } from './app.tsx';
import { outbox } from './offline/senders.ts';
import './field.css';

// antd-mobile 5 mounts Toast, Dialog and popups with React 18's render API; on React 19 they silently do
// nothing unless it is given createRoot.
type Container = (Element | DocumentFragment) & { civgridRoot?: Root };
unstableSetRender((node, container: Container) => {
  container.civgridRoot ??= createRoot(container);
  const root = container.civgridRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    if (container.civgridRoot === root) delete container.civgridRoot;
  };
});

// The service worker keeps the app shell so the app opens without a network (public/field/sw.js). Only
// for the built app: the dev server's modules are not what it caches.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('/field/sw.js', { scope: '/field/' }).catch(() => undefined);
  });
}

void outbox.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
);
