// The guide's JSON API, same-origin. A push subscription's key, where there is one, goes
// with the request as a bearer token; the subscription's endpoint never does.

// The answer's JSON (null for 204); an error with the HTTP status when it is not ok.
export async function api(path, options = {}, token = null) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { ...options, headers });
  if (!response.ok)
    throw Object.assign(new Error(`${path}: HTTP ${response.status}`), {
      status: response.status,
    });
  return response.status === 204 ? null : response.json();
}
