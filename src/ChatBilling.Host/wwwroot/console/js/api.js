// Talks to /console/api. A 401 means the session ended: the app shows sign-in and comes back to this screen.
const writeHeaders = { "Content-Type": "application/json", "X-ChatBilling-Console": "1" };

export async function call(method, path, body) {
  const init = { method, credentials: "same-origin", headers: method === "GET" ? {} : writeHeaders };
  if (body !== undefined) init.body = JSON.stringify(body);
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, data: null, message: "ChatBilling cannot be reached. Check your connection and try again." };
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (response.status === 401 && !path.endsWith("/me")) document.dispatchEvent(new CustomEvent("console:signed-out"));
  // Paged lists that stay plain arrays say how many there are in all in X-Total-Count.
  const total = response.headers.get("X-Total-Count");
  return { ok: response.ok, status: response.status, data, total: total === null ? null : Number(total), message: messageFor(response.status, data) };
}

function messageFor(status, data) {
  if (status >= 200 && status < 300) return data?.message || "";
  if (status === 401) return "Your session ended. Sign in again to continue where you were.";
  if (status === 403) return data?.detail || "You may not do that.";
  if (status >= 500) return "ChatBilling could not finish that. Try again in a moment.";
  return data?.detail || data?.message || "That did not work.";
}

export const get = (path) => call("GET", path);
export const post = (path, body = {}) => call("POST", path, body);
export const put = (path, body) => call("PUT", path, body);
