import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { startCrypto } from "./app/useCrypto";

// Ask the crypto worker (started by boot.ts) for its status now, not after the first render.
void startCrypto();

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
