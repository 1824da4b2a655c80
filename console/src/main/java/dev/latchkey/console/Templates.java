package dev.latchkey.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The console's JTE templates, compiled with the module ({@code src/main/jte}); HTML output escapes every value
 * it writes unless a template says otherwise, which none does for data.
 */
final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
            "dev.latchkey.console.templates");

    String render(String template, Object model) {
        StringOutput output = new StringOutput(8192);
        engine.render(template, model, output);
        return output.toString();
    }
}
