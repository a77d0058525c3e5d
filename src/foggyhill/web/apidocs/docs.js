// Start Swagger UI on the app's OpenAPI description. A file of its own: the page's security policy allows no inline
// script. validatorUrl null keeps it from calling an outside validator: the docs work offline.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
});
