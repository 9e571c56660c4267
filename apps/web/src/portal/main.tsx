import { unstableSetRender } from 'antd-mobile';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { PortalApp } from './app.tsx';
import './portal.css';

// antd-mobile 5 mounts Toast, Dialog and pickers' popups with React 18's render API; on React 19 they
// silently do nothing unless it is given createRoot.
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

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <PortalApp />
  </StrictMode>,
);
