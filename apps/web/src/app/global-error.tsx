"use client";

// Last-resort boundary: replaces the root layout, so it brings its own <html> and plain styles.
export default function GlobalError(props: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body
        style={{
          fontFamily: "system-ui, sans-serif",
          display: "grid",
          placeItems: "center",
          minHeight: "100dvh",
          margin: 0,
          color: "#171717",
          background: "#fff",
        }}
      >
        <div role="alert" style={{ textAlign: "center", maxWidth: 420, padding: 24 }}>
          <h1 style={{ fontSize: 20 }}>Tenantry is having trouble</h1>
          <p style={{ color: "#525252" }}>
            The page could not be shown. Try again in a moment.
            {props.error.digest ? ` Reference: ${props.error.digest}` : null}
          </p>
          <button
            type="button"
            onClick={props.reset}
            style={{
              font: "inherit",
              padding: "8px 16px",
              borderRadius: 6,
              border: 0,
              background: "#1d4ed8",
              color: "#fff",
              cursor: "pointer",
            }}
          >
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
