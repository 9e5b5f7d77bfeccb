/**
 * Downloads the receipt PDF of a request: the status token goes in the Authorization header
 * (never in a URL), the PDF comes back as a blob and is saved under the request's reference.
 */
export async function downloadReceipt(token: string, reference: string): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch('/api/requests/status/receipt', { headers: { Authorization: `Bearer ${token}`, Accept: 'application/pdf' } });
  } catch {
    return false;
  }
  if (!res.ok) return false;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `receipt-${reference}.pdf`;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the blob goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}
