using Microsoft.AspNetCore.Mvc;

namespace Portal.Platform.Web;

public static class TooManyRequestsExtensions
{
    public const string RetryAfterItem = "retry-after-seconds";

    /// <summary>429 with Retry-After; the status page shows "Muitas tentativas. Tente novamente em N segundos.".</summary>
    public static IActionResult TooManyRequests(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        page.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        page.HttpContext.Items[RetryAfterItem] = seconds;
        return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }
}
