// The service worker: shows the account server's Web Push notifications (the app's "Mobile push"
// channel), and opens the entry when one is clicked. Served from the site's root, so its scope is
// the whole app. The payload is { id, title, body, url } (server/src/jobs/push.rs).
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: event.data ? event.data.text() : "" };
  }
  const title = data.title || "Notification";
  event.waitUntil(self.registration.showNotification(title, {
    body: data.body || "",
    tag: data.id || undefined,
    icon: "/assets/icon-192.png",
    badge: "/assets/icon-192.png",
    data: { url: data.url || "/", id: data.id || null },
  }));
});

// A click opens the entry's link, or the center at the entry (/?entry=<id>), in a window of the
// app if one is open, else in a new one. Only paths of this site are followed.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || "/", self.location.origin);
  const url = target.origin === self.location.origin ? target.href : self.location.origin + "/";
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of windows) {
      if (new URL(client.url).origin === self.location.origin) {
        // Focusing may be refused (no user activation); the navigation still goes ahead. A window
        // this worker does not control cannot be navigated from here: a new one opens instead.
        await client.focus().catch(() => {});
        const navigated = await client.navigate(url).catch(() => null);
        if (navigated) return navigated;
      }
    }
    return self.clients.openWindow(url);
  })());
});
