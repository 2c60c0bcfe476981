import 'server-only';
import { openApiDocument } from '@/lib/api/openapi';

// The API's own description is public: it holds no data, only the shapes.
export function GET(request: Request) {
  return Response.json(openApiDocument(new URL(request.url).origin), { headers: { 'cache-control': 'public, max-age=300' } });
}
