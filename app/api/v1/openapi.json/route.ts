export { GET } from '@/lib/api/v1/openapi-json';
