// Notebook outputs as VS Code's Jupyter extension renders widgets: its own widget manager (@vscode/jupyter-ipywidgets8,
// a @jupyter-widgets/jupyterlab-manager WidgetManager outside JupyterLab), a kernel connection from
// @jupyterlab/services, widget modules loaded with requirejs from the kernel's nbextensions folder, and each widget
// output shown with get_model / create_view / display_view into a plain element, as vscode-jupyter's renderer does.
// Nothing of JupyterLab's page is here: no JupyterLab styles, no application object, no notebook panel.

import { activate } from "./ipywidgets8.js";
import { KernelConnection, ServerConnection } from "./services.js";

const WIDGET = "application/vnd.jupyter.widget-view+json";

function connected(kernel) {
  return new Promise((resolve) => {
    const check = () => kernel.connectionStatus === "connected" && kernel.status === "idle";
    if (check()) return resolve();
    const on = () => {
      if (!check()) return;
      kernel.connectionStatusChanged.disconnect(on);
      kernel.statusChanged.disconnect(on);
      resolve();
    };
    kernel.connectionStatusChanged.connect(on);
    kernel.statusChanged.connect(on);
  });
}

/** Connect to the kernel `kernel` on this Jupyter server; `script` maps widget module names to URLs (no .js). */
export async function start(query) {
  activate();
  window.vscIPyWidgets8.load();
  const baseUrl = `${window.location.origin}/`;
  const serverSettings = ServerConnection.makeSettings({
    baseUrl,
    wsUrl: baseUrl.replace(/^http/, "ws"),
    token: query.get("token"),
    appendToken: true,
  });
  const kernel = new KernelConnection({
    model: { id: query.get("kernel"), name: "python3" },
    serverSettings,
    handleComms: true,
  });
  await connected(kernel);
  const scripts = JSON.parse(query.get("scripts"));
  const loader = {
    widgetsRegisteredInRequireJs: new Set(),
    async loadWidgetScript(moduleName) {
      if (!(moduleName in scripts)) throw new Error(`no script for the widget module ${moduleName}`);
      window.requirejs.config({ paths: { [moduleName]: scripts[moduleName] } });
      loader.widgetsRegisteredInRequireJs.add(moduleName);
    },
    successHandler() {},
    errorHandler(className, moduleName, moduleVersion, error) {
      console.error(`could not load ${className} from ${moduleName}@${moduleVersion}: ${error}`);
    },
  };
  const outputs = document.getElementById("outputs");
  const manager = new window.vscIPyWidgets.WidgetManager(kernel, outputs, loader, () => {});

  /** Run `code` as a cell: its printed text is returned and each widget it shows is rendered in a new output. */
  async function run(code) {
    const shown = [];
    let text = "";
    const future = kernel.requestExecute({ code });
    future.onIOPub = (message) => {
      const { msg_type: type } = message.header;
      if (type === "stream") text += message.content.text;
      if (type === "error") text += `${message.content.ename}: ${message.content.evalue}`;
      const data = (type === "display_data" || type === "execute_result") && message.content.data;
      if (data && data[WIDGET]) shown.push(data[WIDGET]);
      else if (data && data["text/plain"]) text += data["text/plain"];
    };
    await future.done;
    for (const data of shown) {
      const node = document.createElement("div");
      node.className = "output";
      outputs.append(node);
      const model = await manager.get_model(data.model_id);
      const view = await manager.create_view(model, { el: node });
      await manager.display_view(data, view, { node });
    }
    return text;
  }

  window.harness = { kernel, manager, run };
}
