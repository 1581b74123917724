package org.ensemble.console;

import java.util.Arrays;

import org.ensemble.episode.Category;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.show.ShowCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Contributions of every week, searched by show, status, category and contributor. */
@Controller
class ContributionsController {

    private static final int SHOWN = 200;
    private final ContributionRepository contributions;
    private final ShowCatalog shows;

    ContributionsController(ContributionRepository contributions, ShowCatalog shows) {
        this.contributions = contributions;
        this.shows = shows;
    }

    @GetMapping("/console/contributions")
    String search(@RequestParam(required = false) String show, @RequestParam(required = false) Contribution.Status status,
                  @RequestParam(required = false) String category, @RequestParam(required = false) String contributor,
                  Model model) {
        Category cat = category == null || category.isBlank() ? null
                : Arrays.stream(Category.values()).filter(c -> c.slug().equals(category)).findFirst().orElse(null);
        var search = new ContributionRepository.Search(show, status, cat, contributor);
        model.addAttribute("search", search);
        model.addAttribute("shows", shows.all().keySet());
        model.addAttribute("categories", Category.values());
        model.addAttribute("statuses", Contribution.Status.values());
        model.addAttribute("contributions", contributions.search(search, SHOWN));
        model.addAttribute("limit", SHOWN);
        return "console/contributions";
    }
}
