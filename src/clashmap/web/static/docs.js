/* Start Swagger UI from the npm-built bundle (an external file: the CSP allows no inline script). */
window.addEventListener('DOMContentLoaded', function () {
  window.SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true});
});
