// The page's own script, allowed by `script-src 'self'`: it adds a reading-time label,
// as many news sites do, so the page is not script-free under the strict CSP.
const words = document.querySelector('article').textContent.split(/\s+/).length;
document.getElementById('reading-time').textContent = `${Math.max(1, Math.round(words / 220))} min read`;
