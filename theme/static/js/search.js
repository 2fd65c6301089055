// Site search with Pagefind's JavaScript API. Loaded only by the search page.
// Everything happens in the browser: the query is never sent anywhere.
const form = document.querySelector(".search-form");
const input = document.getElementById("search-query");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
let pagefind;

async function search(query) {
  pagefind ??= await import(form.dataset.pagefindIndex);
  const found = await pagefind.search(query);
  const results = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
  list.replaceChildren(...results.map(render));
  status.textContent = `${found.results.length} result${found.results.length === 1 ? "" : "s"} for “${query}”`;
}

function render(result) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.meta.title;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.innerHTML = result.excerpt; // Pagefind's excerpt: text with <mark> around matches
  item.append(heading, excerpt);
  return item;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  if (!query) return;
  history.replaceState(null, "", `?q=${encodeURIComponent(query)}`);
  search(query);
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  search(initial);
}
