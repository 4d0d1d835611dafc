package dev.tessera.templates;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code "format": "price"}: a decimal slot value in a locale's currency format (the JDK's CLDR data). */
final class PriceFormat {
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,6})?");

    private PriceFormat() {}

    /** {@code 1299.5} EUR de-DE is {@code 1.299,50 €} (a no-break space before the sign, as CLDR has it). */
    static String format(String slot, String value, String currency, String locale) {
        if (!DECIMAL.matcher(value).matches()) {
            throw new TemplateException(TemplateException.Kind.BAD_PARAMETER, "the slot " + slot
                    + " must be a decimal number such as 1299.5 (it is formatted as a price)", slot);
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.forLanguageTag(locale));
        Currency c = Currency.getInstance(currency);
        format.setCurrency(c);
        int digits = Math.max(0, c.getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(new BigDecimal(value));
    }
}
