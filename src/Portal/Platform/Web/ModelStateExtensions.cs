using Microsoft.AspNetCore.Mvc.ModelBinding;
using Portal.Platform.Validation;

namespace Portal.Platform.Web;

public static class ModelStateExtensions
{
    /// <summary>Copies service-level field errors to the form; "" keys become form-level messages.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, FieldErrors errors, string prefix = "")
    {
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                modelState.AddModelError(field.Length == 0 ? "" : prefix + field, message);
    }
}
