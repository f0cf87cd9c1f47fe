"use client";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100vh", margin: 0 }}>
        <main style={{ textAlign: "center", padding: 24 }}>
          <h1 style={{ fontSize: 24 }}>Fleetdeck is unavailable</h1>
          <p style={{ color: "#475569" }}>The application failed to start this page. Please try again in a moment.</p>
          <button onClick={reset} style={{ marginTop: 16, padding: "8px 14px", borderRadius: 6, border: 0, background: "#1f57d6", color: "white" }}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
